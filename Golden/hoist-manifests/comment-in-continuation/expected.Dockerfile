FROM ruby:3.3
WORKDIR /app
COPY . .
RUN bundle config set without development \
    # keep the image small
    && bundle install
