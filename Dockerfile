# Dora Dashboard: a read-only dashboard of the Dora bot's DynamoDB tables.
#   docker build -t dora-dashboard .
#   docker run --rm -p 127.0.0.1:8501:8501 -e DORA_AUTH_TOKEN=… -e AWS_REGION=us-east-1 \
#     -e AWS_PROFILE=dora-readonly -v ~/.aws:/home/node/.aws:ro dora-dashboard
# The container listens on 0.0.0.0, so access control is on by default (--auth token): it will not
# start without DORA_AUTH_TOKEN (16+ characters). See README §Deployment.

# --- build: every dependency, the web app and the server bundle into dist/ -----------------------
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and dist/ only, as the unprivileged `node` user -------------
FROM node:24-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The embedded store (DORA_SOURCE=embedded) keeps its data here; mount a volume to keep it.
RUN mkdir -p /data && chown node:node /data
USER node

ENV DORA_SOURCE=aws \
    DORA_HOST=0.0.0.0 \
    DORA_PORT=8501 \
    DORA_AUTH=token \
    DORA_DATA_DIR=/data \
    DORA_LOG_LEVEL=info
EXPOSE 8501

# slim has no curl: ask node. Healthy = /api/v1/health answers 200 (the tables are reachable).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.DORA_PORT||8501)+'/api/v1/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]

# Exit code 2 is a configuration error (printed on stderr): restarting will not fix it.
CMD ["node", "--enable-source-maps", "dist/server.js"]
