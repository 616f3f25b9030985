# syntax=docker/dockerfile:1
FROM node:22-slim AS build
WORKDIR /srv
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline

FROM gcr.io/distroless/nodejs22-debian13:latest
WORKDIR /srv
COPY --from=build --exclude=.git /srv /srv
USER nonroot
CMD ["build/server.js"]
