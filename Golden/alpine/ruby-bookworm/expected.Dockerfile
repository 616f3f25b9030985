FROM ruby:3.3-bookworm
RUN apt-get update -qq && apt-get install -y nodejs libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
CMD ["bundle", "exec", "puma"]
