# syntax=docker/dockerfile:1
# SecureCall's TURN server: Debian's coturn package (the one the tests run), SecureCall's shared settings and the start
# script that adds a deployment's own (deploy/coturn). Configure it with TURN_* variables (deploy/coturn/start.sh) and
# mount the secret shared with the web frontends as a file (TURN_SECRET_FILE).
#
#   docker build -f deploy/docker/Coturn.Dockerfile -t securecall-turn .        (from the repository root)
#
# Not built here (no Docker daemon on the machine this was written on). See docs/deploying.md, "TURN".
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends coturn \
    && rm -rf /var/lib/apt/lists/*
COPY deploy/coturn/turnserver.conf /etc/securecall/turnserver.conf
COPY deploy/coturn/start.sh /usr/local/bin/securecall-turn
# An unprivileged numeric user (Kubernetes' runAsNonRoot needs a number); every port used (3478, 5349, the relay
# range) is above 1024, so no capability is needed.
USER 65532:65532
ENV TURN_BASE_CONFIG=/etc/securecall/turnserver.conf TURN_STATE_DIR=/tmp/coturn
EXPOSE 3478/udp 3478/tcp 5349/udp 5349/tcp
ENTRYPOINT ["sh", "/usr/local/bin/securecall-turn"]
