# One image for the API, the worker and the one-off database steps (docker-compose.yml picks the command).
#
#   docker build -t waymark .
#   docker run --rm waymark node packages/db/dist/cli.js migrate     # needs DATABASE_URL, REDIS_URL, ...
#
# Build stage: install everything (TypeScript, turbo), compile, then drop the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
# The whole tree before installing, so every workspace (apps/*, packages/*) is linked; .dockerignore
# keeps node_modules, dist and build info out, so the build always starts clean.
COPY . .
# `npm install`, not `npm ci`: a lockfile written on another platform can lack this one's optional
# native packages. argon2 ships prebuilt binaries for linux x64/arm64, so no compiler is needed.
RUN npm install
# `npm run build` is `turbo run build`; its cache (.turbo/) has no place in the image.
RUN npm run build && rm -rf .turbo
RUN npm prune --omit=dev

# Runtime stage: compiled code, production dependencies, framework data. No compiler, no dev tools.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
EXPOSE 4000
CMD ["node", "apps/api/dist/main.js"]
