FROM node:20
WORKDIR /opt/server
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY server.js .
EXPOSE 8080
CMD ["node", "server.js"]
