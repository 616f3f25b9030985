FROM node:22
WORKDIR /app
COPY package*.json npm-shrinkwra[p].json .npmr[c] ./
RUN npm ci \
    # no audit in CI
    --no-audit
COPY . .
RUN npm run build
