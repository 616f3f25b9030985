ARG NODE_IMAGE=node:18
FROM ${NODE_IMAGE}
ARG APP_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
ENV PORT=${APP_PORT}
EXPOSE ${APP_PORT}
CMD ["node", "server.js"]
