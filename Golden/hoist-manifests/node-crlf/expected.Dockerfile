FROM node:22-alpine
WORKDIR /app
COPY package*.json npm-shrinkwra[p].json .npmr[c] ./
# install exactly what the lockfile says
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
