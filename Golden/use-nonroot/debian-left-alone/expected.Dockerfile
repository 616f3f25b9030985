FROM node:22 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM debian:bookworm-slim
COPY --from=build /app/dist /srv
CMD ["/srv/server"]
