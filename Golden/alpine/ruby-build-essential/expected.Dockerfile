FROM ruby:3.3-alpine
RUN apk add --no-cache build-base libpq-dev
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
CMD ["bundle", "exec", "ruby", "worker.rb"]
