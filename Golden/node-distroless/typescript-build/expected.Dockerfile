# syntax=docker/dockerfile:1
FROM node:22-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src
RUN npm run build
RUN npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian13:latest
WORKDIR /app
COPY --from=build --exclude=.git /app /app
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
CMD ["dist/index.js"]
