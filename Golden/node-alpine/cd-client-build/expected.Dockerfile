FROM node:20-alpine AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN cd client && npm ci && npm run build
RUN npm prune --omit=dev

FROM node:20-alpine
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
EXPOSE 8080
USER node
CMD ["node", "server.js"]
