FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm install pm2@5.4.2 -g

FROM node:20-alpine
WORKDIR /app
COPY --from=build /app /app
RUN npm install pm2@5.4.2 -g
EXPOSE 3000
USER node
CMD ["pm2-runtime", "index.js"]
