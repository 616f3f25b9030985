FROM ruby:3.2-bookworm AS build

WORKDIR /usr/src/app
COPY Gemfile Gemfile.lock ./
RUN bundle install --jobs 4 --retry 3 --without development test

FROM ruby:3.2-slim-bookworm
WORKDIR /usr/src/app
COPY --from=build /usr/local/bundle /usr/local/bundle
COPY . .

EXPOSE 9292
CMD ["bundle", "exec", "rackup", "--host", "0.0.0.0", "-p", "9292"]
