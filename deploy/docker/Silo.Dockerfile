# syntax=docker/dockerfile:1
# SecureCall.Silo: the headless silo of cluster mode, with the face models baked in.
#
#   docker build -f deploy/docker/Silo.Dockerfile -t securecall-silo .        (from the repository root)
#   docker run … securecall-silo                 runs a silo (configure it with SecureCall__… variables, docs/deploying.md)
#   docker run … securecall-silo migrate         applies deploy/postgres to the database and exits
#   docker run … securecall-silo verify-audit    checks the audit chain and exits (0 = intact)
#
# Models: prepared in a build stage by models/prepare.sh (pinned npm packages, our converter, every .onnx checked
# against models/manifest.json), so the image is self-contained and its models are exactly the ones the tests use.
# The build therefore needs the npm registry and NuGet. To use other models, mount a directory over /app/models/out
# (or point SecureCall__Models__ModelDirectory elsewhere).
#
# No secrets are in the image: the database connection string, TLS certificate and key, cluster CA, token signing
# keys and template key-encryption keys all come from the environment and mounted files at run time.
#
# Not built here (no Docker daemon on the machine this was written on); written to the documented behaviour of the
# .NET and Node images. See docs/deploying.md.

ARG DOTNET_VERSION=10.0
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS node

# models/prepare.sh needs node/npm (to fetch the pinned TF.js models) and the .NET SDK (to build the converter) in
# one place: the SDK image plus node and npm copied from the official Node image.
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS models
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && node --version && npm --version
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY models/ models/
RUN bash models/prepare.sh --no-parity

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
# Framework-dependent, for the target architecture when BuildKit names one (keeps only its native ONNX/Skia libraries).
RUN dotnet publish Silo/SecureCall.Silo.csproj -c Release --nologo -o /out --self-contained false \
    ${TARGETARCH:+--arch "$TARGETARCH"}

# The silo needs only Microsoft.NETCore.App (its runtimeconfig names no ASP.NET Core framework).
FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION}
WORKDIR /app
COPY --from=build /out ./
COPY --from=models /src/models/out/*.onnx /src/models/out/manifest.json ./models/out/
ENV SecureCall__Models__ModelDirectory=/app/models/out \
    SecureCall__Storage__DataDirectory=/app/data \
    Logging__Console__FormatterName=json \
    DOTNET_NOLOGO=1
# The images' built-in unprivileged user "app" (APP_UID, 1654). /app/data is scratch for the host's default data
# directory; cluster mode keeps its durable state in PostgreSQL.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data && chmod 700 /app/data
USER $APP_UID
# 11111: silo-to-silo; 30000: gateway for frontends. Both speak mutual TLS in cluster mode.
EXPOSE 11111 30000
ENTRYPOINT ["dotnet", "SecureCall.Silo.dll"]
