FROM node:22-slim AS build
WORKDIR /srv
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline

FROM gcr.io/distroless/nodejs22-debian13:nonroot
WORKDIR /srv
COPY --from=build /srv/node_modules /srv/node_modules
COPY --from=build /srv/package.json /srv/package.json
COPY --from=build /srv/build /srv/build
USER nonroot
CMD ["build/server.js"]
