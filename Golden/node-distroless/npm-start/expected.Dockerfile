# syntax=docker/dockerfile:1
FROM node:22 AS build
WORKDIR /app
COPY package*.json ./
RUN npm install
COPY . .
RUN npm run build
RUN npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian13:latest
WORKDIR /app
COPY --from=build --exclude=.git /app /app
EXPOSE 4000
CMD ["lib/server.js"]
