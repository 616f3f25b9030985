FROM node:16-alpine
WORKDIR /app
COPY . .
RUN yarn install
EXPOSE 4000
CMD ["node", "server/index.js"]
