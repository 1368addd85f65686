# syntax=docker/dockerfile:1
# SecureCall.WebFrontend: HTTP API, SignalR hubs and the browser client. In cluster mode
# (SecureCall__Hosting__Clustering=Postgres) an Orleans client of the silos; it holds no grains and needs no models.
#
#   docker build -f deploy/docker/WebFrontend.Dockerfile -t securecall-frontend .   (from the repository root)
#
# The same image can run standalone mode (co-hosted silo, SQLite under /app/data), but then it needs the face models:
# mount a prepared models/out at /app/models/out. The cluster deployment (deploy/k8s, deploy/compose.yaml) does not.
#
# No secrets are in the image. Not built here (no Docker daemon on the machine this was written on); see
# docs/deploying.md.

ARG DOTNET_VERSION=10.0
ARG NODE_IMAGE=node:22-bookworm-slim

# The browser client (Client.Web/build.sh does the same: npm ci, then the build script: openapi types, tsc, vite).
FROM ${NODE_IMAGE} AS client
WORKDIR /src/Client.Web
COPY Client.Web/package.json Client.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY Client.Web/ ./
RUN npm run --silent build

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
# The project copies Client.Web/dist into client/ of its output, so the built client goes there first.
COPY --from=client /src/Client.Web/dist Client.Web/dist
RUN dotnet publish WebFrontend/SecureCall.WebFrontend.csproj -c Release --nologo -o /out --self-contained false \
    ${TARGETARCH:+--arch "$TARGETARCH"} \
    && test -f /out/client/index.html

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}
WORKDIR /app
COPY --from=build /out ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    SecureCall__Models__ModelDirectory=/app/models/out \
    SecureCall__Storage__DataDirectory=/app/data \
    Logging__Console__FormatterName=json \
    DOTNET_NOLOGO=1
# The images' built-in unprivileged user "app" (APP_UID, 1654); /app/data is scratch (standalone mode's database).
RUN mkdir -p /app/data && chown "$APP_UID" /app/data && chmod 700 /app/data
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "SecureCall.WebFrontend.dll"]
