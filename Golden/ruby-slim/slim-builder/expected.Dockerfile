FROM ruby:3.4-slim-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/webhook
COPY Gemfile Gemfile.lock ./
RUN bundle config set --local deployment true \
    && bundle config set --local without development \
    && bundle install

FROM ruby:3.4-slim-bookworm
WORKDIR /srv/webhook
COPY --from=build /usr/local/bundle /usr/local/bundle
COPY --from=build /srv/webhook /srv/webhook
COPY config.ru handler.rb ./
USER nobody
EXPOSE 8080
CMD ["bundle", "exec", "puma", "-b", "tcp://0.0.0.0:8080", "config.ru"]
