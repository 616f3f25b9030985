FROM ruby:3.3 AS build
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle config set --local without 'development test' && bundle install

FROM ruby:3.3-slim
WORKDIR /app
COPY --from=build /usr/local/bundle /usr/local/bundle
COPY . .
EXPOSE 4567
CMD ["bundle", "exec", "ruby", "app.rb", "-o", "0.0.0.0"]
