FROM node:20
WORKDIR /app
COPY package.json package-lock.json /app/
RUN npm ci
ADD . /app
CMD ["node","server.js"]
