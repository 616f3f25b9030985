FROM ruby:3.3-alpine3.20 AS build
RUN apk add --no-cache build-base postgresql-dev
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install

FROM ruby:3.3-alpine3.20
WORKDIR /app
COPY --from=build /usr/local/bundle /usr/local/bundle
RUN apk add --no-cache postgresql-dev
COPY . .
RUN adduser -D -u 10001 app
USER app
CMD ["bundle", "exec", "ruby", "worker.rb"]
