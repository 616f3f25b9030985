# syntax=docker/dockerfile:1
FROM node:20-alpine
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add git python3 make g++
WORKDIR /app
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
COPY . .
CMD ["node", "index.js"]
