FROM node:22 AS build
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
RUN pnpm prune --prod

FROM gcr.io/distroless/nodejs22-debian13:latest
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=build /app/package.json /app/package.json
COPY . .
EXPOSE 3000
CMD ["index.js"]
