# Ferry production image: multi-stage, production dependencies only, non-root user.
# Production needs DATABASE_URL, an https PUBLIC_URL, INTERCOM_CLIENT_ID/SECRET and FERRY_ENCRYPTION_KEY.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY canvas ./canvas
COPY migrations ./migrations
RUN npm run build

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the embedded PostgreSQL is for development only and is never started in production.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:22-bookworm-slim
# A heap cap keeps a worker's RSS under 300 MB (V8 otherwise lets garbage grow the heap to several times the
# ~50 MB that is live); the engine's memory ceiling follows it (engine/stage-window.ts). README: Scale.
ENV NODE_ENV=production PORT=3000 NODE_OPTIONS=--max-old-space-size=160
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Web server and worker in one process; run `node bin/ferry.js worker` for extra workers.
CMD ["node", "bin/ferry.js", "serve"]
