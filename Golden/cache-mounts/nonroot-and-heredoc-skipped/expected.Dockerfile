FROM node:22
WORKDIR /home/node/app
RUN <<EOT
npm install -g pnpm
EOT
USER node
COPY --chown=node:node package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
