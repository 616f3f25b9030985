FROM ruby:3.3-alpine AS build
RUN apk add --no-cache build-base
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle config set --local without test && bundle install

FROM ruby:3.3-alpine
WORKDIR /app
COPY --from=build /usr/local/bundle /usr/local/bundle
COPY . .
ENV RACK_ENV=production
EXPOSE 9292
RUN adduser -D -u 10001 app
USER app
CMD ["bundle", "exec", "puma", "-p", "9292"]
