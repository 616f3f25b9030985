FROM ruby:3.3
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
ENV RACK_ENV=production
EXPOSE 9292
CMD ["bundle", "exec", "puma", "-p", "9292"]
