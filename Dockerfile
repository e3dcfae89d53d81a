# The server, built from this repository: `docker compose up` (docker-compose.yml) runs two of
# these against one PostgreSQL and one Redis. Full Debian image: better-sqlite3 compiles here.
FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npx --yes pnpm@10.34.8 install --frozen-lockfile \
 && npx --yes pnpm@10.34.8 exec turbo run build --filter=@commerce/server...
ENV HOST=0.0.0.0 NODE_ENV=production TURBO_TELEMETRY_DISABLED=1
EXPOSE 8080 50051
CMD ["node", "apps/server/dist/main.js"]
