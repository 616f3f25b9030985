FROM ruby:3.3-alpine
RUN apk add --no-cache nodejs libpq-dev
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
CMD ["bundle", "exec", "puma"]
