FROM node:20
WORKDIR /srv
COPY . .
WORKDIR /srv/api
RUN npm ci
CMD ["node","server.js"]
