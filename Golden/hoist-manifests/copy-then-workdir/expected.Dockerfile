FROM node:20
COPY package.json package-lock.json /app/
WORKDIR /app
RUN npm ci
COPY . /app
CMD ["node","server.js"]
