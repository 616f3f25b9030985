FROM node:22-alpine
WORKDIR /usr/local/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
ENV PORT=80
EXPOSE 80
CMD ["node", "server.js"]
