FROM node:22 AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
RUN npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian13:nonroot
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/node_modules /usr/src/app/node_modules
COPY --from=build /usr/src/app/package.json /usr/src/app/package.json
COPY . .
EXPOSE 8080
CMD ["server.js"]
