FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
ENV NODE_ENV=production
RUN npm ci
COPY . .
CMD ["node","server.js"]
