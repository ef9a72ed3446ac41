/**
 * Realistic names for the synthetic organisation: systems and what lives in them, popular
 * libraries of each ecosystem with versions current in mid-2024 (most popular first: the
 * order is the popularity rank), infrastructure images and third-party APIs.
 */

/** ~20 systems, each with the domain nouns its components are named after. */
export const SYSTEMS = {
  commerce: ['cart', 'checkout', 'orders', 'pricing', 'promotions', 'returns', 'wishlist', 'quotes'],
  payments: ['payments', 'ledger', 'refunds', 'payouts', 'fraud-screen', 'wallet', 'invoicing', 'tax'],
  identity: ['auth', 'accounts', 'sessions', 'permissions', 'sso', 'mfa', 'profiles', 'tokens'],
  catalog: ['catalog', 'products', 'taxonomy', 'media-assets', 'reviews', 'recommendations', 'variants', 'bundles'],
  search: ['search', 'indexer', 'autocomplete', 'ranking', 'query-parser', 'synonyms'],
  logistics: ['shipping', 'fulfilment', 'carriers', 'tracking', 'warehouse', 'routing', 'labels', 'dispatch'],
  inventory: ['inventory', 'stock', 'reservations', 'replenishment', 'suppliers', 'purchasing'],
  marketing: ['campaigns', 'newsletters', 'segments', 'coupons', 'loyalty', 'referrals', 'attribution'],
  notifications: ['notifications', 'email', 'sms', 'push', 'templates', 'preferences'],
  analytics: ['events', 'metrics', 'reports', 'dashboards', 'experiments', 'clickstream', 'etl'],
  support: ['tickets', 'chat', 'knowledge-base', 'feedback', 'call-center'],
  billing: ['subscriptions', 'billing', 'plans', 'usage-metering', 'dunning'],
  risk: ['risk-scoring', 'kyc', 'aml', 'chargebacks', 'limits'],
  platform: ['edge-proxy', 'config', 'feature-flags', 'service-registry', 'rate-limiter', 'scheduler', 'audit-log'],
  data: ['data-lake', 'warehouse-loader', 'cdc', 'schema-registry', 'data-catalog'],
  content: ['cms', 'pages', 'localisation', 'assets', 'seo'],
  partners: ['partner-portal', 'affiliates', 'marketplace', 'vendor-onboarding', 'integrations'],
  mobile: ['mobile', 'app-config', 'deep-links', 'mobile-push'],
  web: ['storefront', 'webshop', 'backoffice', 'my-account', 'help-center'],
  workforce: ['employees', 'payroll', 'shifts', 'time-tracking'],
};

/** Systems most of the organisation calls into: their components get popular. */
export const CORE_SYSTEMS = ['platform', 'identity', 'payments', 'catalog'];

/** Role suffixes of component names, with the component kind and how common they are. */
export const ROLES = [
  { suffix: '', kind: 'service', weight: 10 },
  { suffix: 'api', kind: 'service', weight: 8 },
  { suffix: 'worker', kind: 'worker', weight: 5 },
  { suffix: 'consumer', kind: 'worker', weight: 3 },
  { suffix: 'sync', kind: 'job', weight: 2 },
  { suffix: 'cron', kind: 'job', weight: 2 },
  { suffix: 'exporter', kind: 'job', weight: 1 },
  { suffix: 'gateway', kind: 'gateway', weight: 1 },
  { suffix: 'bff', kind: 'service', weight: 2 },
  { suffix: 'ui', kind: 'frontend', weight: 2 },
  { suffix: 'admin', kind: 'frontend', weight: 1 },
  { suffix: 'grpc', kind: 'service', weight: 1 },
  { suffix: 'pipeline', kind: 'pipeline', weight: 1 },
];

/** Used to give big organisations more names than nouns × roles. */
export const VARIANTS = ['eu', 'us', 'apac', 'v2', 'legacy', 'next', 'internal', 'batch', 'realtime', 'edge', 'b2b', 'b2c'];

/** Main language of a component, as an ecosystem, and how common it is. */
export const ECOSYSTEM_WEIGHTS = { npm: 30, maven: 20, pypi: 18, golang: 15, nuget: 7, gem: 5, cargo: 5 };

/** [name as the ecosystem writes it, current version], most popular first. */
export const LIBRARIES = {
  npm: [
    ['lodash', '4.17.21'], ['express', '4.19.2'], ['typescript', '5.5.3'], ['@types/node', '20.14.11'], ['axios', '1.7.2'],
    ['zod', '3.23.8'], ['dotenv', '16.4.5'], ['uuid', '10.0.0'], ['jest', '29.7.0'], ['eslint', '9.7.0'],
    ['prettier', '3.3.3'], ['react', '18.3.1'], ['react-dom', '18.3.1'], ['debug', '4.3.5'], ['chalk', '5.3.0'],
    ['pino', '9.3.1'], ['winston', '3.13.1'], ['date-fns', '3.6.0'], ['semver', '7.6.3'], ['tslib', '2.6.3'],
    ['@types/express', '4.17.21'], ['vitest', '2.0.4'], ['commander', '12.1.0'], ['pg', '8.12.0'], ['ioredis', '5.4.1'],
    ['kafkajs', '2.2.4'], ['@opentelemetry/api', '1.9.0'], ['prom-client', '15.1.3'], ['helmet', '7.1.0'], ['cors', '2.8.5'],
    ['jsonwebtoken', '9.0.2'], ['rxjs', '7.8.1'], ['yaml', '2.4.5'], ['ajv', '8.17.1'], ['graphql', '16.9.0'],
    ['@grpc/grpc-js', '1.11.1'], ['@aws-sdk/client-s3', '3.614.0'], ['@aws-sdk/client-sqs', '3.614.0'], ['fastify', '4.28.1'], ['mongoose', '8.5.1'],
    ['@prisma/client', '5.17.0'], ['prisma', '5.17.0'], ['sequelize', '6.37.3'], ['redis', '4.6.15'], ['ws', '8.18.0'],
    ['socket.io', '4.7.5'], ['bcrypt', '5.1.1'], ['body-parser', '1.20.2'], ['qs', '6.12.3'], ['dayjs', '1.11.11'],
    ['moment', '2.30.1'], ['yargs', '17.7.2'], ['node-fetch', '3.3.2'], ['form-data', '4.0.0'], ['classnames', '2.5.1'],
    ['next', '14.2.5'], ['vue', '3.4.31'], ['@apollo/server', '4.10.4'], ['koa', '2.15.3'], ['stripe', '16.2.0'],
    ['webpack', '5.93.0'], ['vite', '5.3.4'], ['@babel/core', '7.24.9'], ['esbuild', '0.23.0'], ['nock', '13.5.4'],
    ['supertest', '7.0.0'], ['sinon', '18.0.0'], ['@testing-library/react', '16.0.0'], ['msw', '2.3.1'], ['joi', '17.13.3'],
  ],
  pypi: [
    ['requests', '2.32.3'], ['pydantic', '2.8.2'], ['pytest', '8.2.2'], ['boto3', '1.34.144'], ['urllib3', '2.2.2'],
    ['pyyaml', '6.0.1'], ['python-dateutil', '2.9.0.post0'], ['certifi', '2024.7.4'], ['numpy', '2.0.0'], ['pandas', '2.2.2'],
    ['sqlalchemy', '2.0.31'], ['fastapi', '0.111.1'], ['uvicorn', '0.30.1'], ['click', '8.1.7'], ['jinja2', '3.1.4'],
    ['httpx', '0.27.0'], ['attrs', '23.2.0'], ['botocore', '1.34.144'], ['django', '5.0.7'], ['flask', '3.0.3'],
    ['celery', '5.4.0'], ['redis', '5.0.7'], ['psycopg2-binary', '2.9.9'], ['alembic', '1.13.2'], ['gunicorn', '22.0.0'],
    ['pytest-cov', '5.0.0'], ['black', '24.4.2'], ['ruff', '0.5.2'], ['mypy', '1.10.1'], ['structlog', '24.2.0'],
    ['tenacity', '8.5.0'], ['orjson', '3.10.6'], ['cryptography', '42.0.8'], ['pyjwt', '2.8.0'], ['sentry-sdk', '2.10.0'],
    ['grpcio', '1.64.1'], ['protobuf', '5.27.2'], ['kafka-python', '2.0.2'], ['opentelemetry-api', '1.25.0'], ['prometheus-client', '0.20.0'],
    ['aiohttp', '3.9.5'], ['scipy', '1.14.0'], ['scikit-learn', '1.5.1'], ['marshmallow', '3.21.3'], ['pytz', '2024.1'],
    ['tqdm', '4.66.4'], ['rich', '13.7.1'], ['typer', '0.12.3'], ['pydantic-settings', '2.3.4'], ['pytest-asyncio', '0.23.8'],
  ],
  maven: [
    ['org.slf4j:slf4j-api', '2.0.13'], ['com.fasterxml.jackson.core:jackson-databind', '2.17.2'], ['org.junit.jupiter:junit-jupiter', '5.10.3'],
    ['org.springframework.boot:spring-boot-starter-web', '3.3.1'], ['com.google.guava:guava', '33.2.1-jre'], ['org.apache.commons:commons-lang3', '3.14.0'],
    ['org.mockito:mockito-core', '5.12.0'], ['ch.qos.logback:logback-classic', '1.5.6'], ['org.projectlombok:lombok', '1.18.34'],
    ['com.fasterxml.jackson.core:jackson-core', '2.17.2'], ['org.springframework.boot:spring-boot-starter-actuator', '3.3.1'],
    ['org.springframework.boot:spring-boot-starter-test', '3.3.1'], ['org.assertj:assertj-core', '3.26.3'], ['commons-io:commons-io', '2.16.1'],
    ['org.springframework.boot:spring-boot-starter-data-jpa', '3.3.1'], ['org.postgresql:postgresql', '42.7.3'], ['io.micrometer:micrometer-core', '1.13.2'],
    ['io.micrometer:micrometer-registry-prometheus', '1.13.2'], ['org.springframework.kafka:spring-kafka', '3.2.1'], ['org.apache.kafka:kafka-clients', '3.7.1'],
    ['org.hibernate.orm:hibernate-core', '6.5.2.Final'], ['com.zaxxer:HikariCP', '5.1.0'], ['org.flywaydb:flyway-core', '10.15.2'],
    ['io.grpc:grpc-netty-shaded', '1.65.1'], ['io.grpc:grpc-protobuf', '1.65.1'], ['com.google.protobuf:protobuf-java', '4.27.2'],
    ['com.squareup.okhttp3:okhttp', '4.12.0'], ['io.projectreactor:reactor-core', '3.6.8'], ['org.testcontainers:testcontainers', '1.19.8'],
    ['software.amazon.awssdk:s3', '2.26.20'], ['io.opentelemetry:opentelemetry-api', '1.40.0'], ['org.yaml:snakeyaml', '2.2'],
    ['com.mysql:mysql-connector-j', '8.4.0'], ['io.netty:netty-all', '4.1.111.Final'], ['org.apache.httpcomponents.client5:httpclient5', '5.3.1'],
    ['io.github.resilience4j:resilience4j-spring-boot3', '2.2.0'], ['org.mapstruct:mapstruct', '1.5.5.Final'], ['io.jsonwebtoken:jjwt-api', '0.12.6'],
  ],
  golang: [
    ['github.com/stretchr/testify', 'v1.9.0'], ['github.com/google/uuid', 'v1.6.0'], ['golang.org/x/sync', 'v0.7.0'], ['go.uber.org/zap', 'v1.27.0'],
    ['github.com/pkg/errors', 'v0.9.1'], ['google.golang.org/grpc', 'v1.65.0'], ['google.golang.org/protobuf', 'v1.34.2'], ['golang.org/x/net', 'v0.27.0'],
    ['github.com/prometheus/client_golang', 'v1.19.1'], ['github.com/spf13/cobra', 'v1.8.1'], ['github.com/spf13/viper', 'v1.19.0'],
    ['gopkg.in/yaml.v3', 'v3.0.1'], ['github.com/sirupsen/logrus', 'v1.9.3'], ['golang.org/x/crypto', 'v0.25.0'], ['github.com/gin-gonic/gin', 'v1.10.0'],
    ['go.opentelemetry.io/otel', 'v1.28.0'], ['github.com/jackc/pgx/v5', 'v5.6.0'], ['github.com/redis/go-redis/v9', 'v9.6.0'],
    ['github.com/gorilla/mux', 'v1.8.1'], ['github.com/go-chi/chi/v5', 'v5.1.0'], ['github.com/rs/zerolog', 'v1.33.0'],
    ['github.com/segmentio/kafka-go', 'v0.4.47'], ['github.com/IBM/sarama', 'v1.43.2'], ['github.com/aws/aws-sdk-go-v2', 'v1.30.3'],
    ['golang.org/x/exp', 'v0.0.0-20240719175910-8a7402abbf56'], ['github.com/golang-jwt/jwt/v5', 'v5.2.1'], ['gorm.io/gorm', 'v1.25.11'],
    ['github.com/labstack/echo/v4', 'v4.12.0'], ['github.com/lib/pq', 'v1.10.9'], ['github.com/nats-io/nats.go', 'v1.36.0'],
    ['k8s.io/client-go', 'v0.30.3'], ['github.com/hashicorp/consul/api', 'v1.29.2'], ['github.com/urfave/cli/v2', 'v2.27.2'],
    ['github.com/cenkalti/backoff/v4', 'v4.3.0'],
  ],
  cargo: [
    ['serde', '1.0.204'], ['serde_json', '1.0.120'], ['tokio', '1.38.1'], ['anyhow', '1.0.86'], ['thiserror', '1.0.63'],
    ['tracing', '0.1.40'], ['clap', '4.5.9'], ['reqwest', '0.12.5'], ['futures', '0.3.30'], ['rand', '0.8.5'],
    ['regex', '1.10.5'], ['chrono', '0.4.38'], ['uuid', '1.10.0'], ['tracing-subscriber', '0.3.18'], ['axum', '0.7.5'],
    ['hyper', '1.4.1'], ['async-trait', '0.1.81'], ['once_cell', '1.19.0'], ['bytes', '1.6.1'], ['log', '0.4.22'],
    ['sqlx', '0.7.4'], ['tonic', '0.12.1'], ['prost', '0.13.1'], ['tower', '0.4.13'], ['itertools', '0.13.0'],
    ['env_logger', '0.11.3'], ['redis', '0.25.4'], ['rdkafka', '0.36.2'], ['diesel', '2.2.1'], ['criterion', '0.5.1'],
  ],
  gem: [
    ['rake', '13.2.1'], ['bundler', '2.5.16'], ['activesupport', '7.1.3.4'], ['rack', '3.1.7'], ['rspec', '3.13.0'],
    ['rails', '7.1.3.4'], ['activerecord', '7.1.3.4'], ['nokogiri', '1.16.6'], ['faraday', '2.10.0'], ['puma', '6.4.2'],
    ['pg', '1.5.6'], ['redis', '5.2.0'], ['sidekiq', '7.3.0'], ['rubocop', '1.65.0'], ['rspec-rails', '6.1.3'],
    ['bootsnap', '1.18.3'], ['oj', '3.16.4'], ['factory_bot', '6.4.6'], ['faker', '3.4.2'], ['devise', '4.9.4'],
    ['httparty', '0.22.0'], ['sinatra', '4.0.0'], ['jbuilder', '2.12.0'], ['pundit', '2.3.2'], ['dry-validation', '1.10.0'],
    ['grpc', '1.65.1'], ['aws-sdk-s3', '1.156.0'], ['sentry-ruby', '5.18.1'], ['ruby-kafka', '1.5.0'], ['kaminari', '1.2.2'],
  ],
  nuget: [
    ['Newtonsoft.Json', '13.0.3'], ['Microsoft.Extensions.Logging', '8.0.0'], ['xunit', '2.9.0'], ['Microsoft.NET.Test.Sdk', '17.10.0'],
    ['Serilog', '4.0.0'], ['Moq', '4.20.70'], ['FluentAssertions', '6.12.0'], ['System.Text.Json', '8.0.4'],
    ['Microsoft.Extensions.Http', '8.0.0'], ['Swashbuckle.AspNetCore', '6.6.2'], ['Microsoft.EntityFrameworkCore', '8.0.7'],
    ['AutoMapper', '13.0.1'], ['Polly', '8.4.1'], ['Serilog.AspNetCore', '8.0.1'], ['Dapper', '2.1.35'], ['MediatR', '12.3.0'],
    ['FluentValidation', '11.9.2'], ['Microsoft.EntityFrameworkCore.SqlServer', '8.0.7'], ['Npgsql.EntityFrameworkCore.PostgreSQL', '8.0.4'],
    ['StackExchange.Redis', '2.8.0'], ['Confluent.Kafka', '2.5.0'], ['Grpc.AspNetCore', '2.64.0'], ['Google.Protobuf', '3.27.2'],
    ['AWSSDK.S3', '3.7.400.1'], ['OpenTelemetry', '1.9.0'], ['prometheus-net', '8.2.1'], ['Hangfire.Core', '1.8.14'],
    ['RabbitMQ.Client', '6.8.1'], ['NUnit', '4.1.0'], ['Bogus', '35.6.0'],
  ],
};

/** Words for internal shared libraries (`@acme/http-client`, `com.acme.platform:auth-starter`). */
export const INTERNAL_WORDS = [
  'http', 'auth', 'logging', 'metrics', 'tracing', 'config', 'events', 'kafka', 'db', 'cache', 'retry', 'errors', 'testing',
  'money', 'dates', 'i18n', 'feature', 'flags', 'schema', 'proto', 'grpc', 'rest', 'client', 'server', 'starter', 'common',
  'utils', 'core', 'model', 'domain', 'validation', 'security', 'crypto', 'audit', 'health', 'pagination', 'search', 'storage',
  'queue', 'mailer', 'pdf', 'csv', 'geo', 'pricing', 'tax', 'ids',
];

/** Databases, queues and caches with the images they run, and the protocol to talk to them. */
export const DATASTORES = [
  { suffix: 'db', kind: 'database', protocol: 'sql', images: ['postgres:16.3', 'postgres:15.7', 'postgres:16.3@sha256:4aea012537edfad80f98d870a36e6b90b4c09b27be7f4b4759d72db863baeebb', 'postgres:14.12'] },
  { suffix: 'mysql', kind: 'database', protocol: 'sql', images: ['mysql:8.4.1', 'mysql:8.0.38'] },
  { suffix: 'mongo', kind: 'database', protocol: 'mongodb', images: ['mongo:7.0.12', 'mongo:6.0.16'] },
  { suffix: 'es', kind: 'search', protocol: 'elasticsearch', images: ['docker.elastic.co/elasticsearch/elasticsearch:8.14.3'] },
  { suffix: 'blobs', kind: 'storage', protocol: 's3', images: ['minio/minio:RELEASE.2024-07-16T23-46-41Z'] },
];
export const DATASTORE_WEIGHTS = { db: 60, mysql: 12, mongo: 14, es: 7, blobs: 7 };

export const SHARED_INFRA = [
  { suffix: 'events', kind: 'queue', protocol: 'kafka', images: ['bitnami/kafka:3.7.0', 'confluentinc/cp-kafka:7.6.1'] },
  { suffix: 'jobs', kind: 'queue', protocol: 'amqp', images: ['rabbitmq:3.13.4-management', 'rabbitmq:3.12.14'] },
  { suffix: 'cache', kind: 'cache', protocol: 'redis', images: ['redis:7.2.5', 'redis:7.2.5-alpine', 'redis:6.2.14'] },
];

/** Third-party APIs with dated or numbered API versions. */
export const EXTERNALS = [
  { name: 'stripe', url: 'https://api.stripe.com', versions: ['2024-06-20', '2024-04-10', '2023-10-16'] },
  { name: 'twilio', url: 'https://api.twilio.com', versions: ['2010-04-01'] },
  { name: 'sendgrid', url: 'https://api.sendgrid.com', versions: ['v3'] },
  { name: 'auth0', url: 'https://acme.eu.auth0.com', versions: ['v2'] },
  { name: 'github', url: 'https://api.github.com', versions: ['2022-11-28'] },
  { name: 'slack', url: 'https://slack.com/api', versions: ['v1'] },
  { name: 'google-maps', url: 'https://maps.googleapis.com', versions: ['v1'] },
  { name: 'datadog', url: 'https://api.datadoghq.eu', versions: ['v2', 'v1'] },
  { name: 'segment', url: 'https://api.segment.io', versions: ['v1'] },
  { name: 'salesforce', url: 'https://acme.my.salesforce.com', versions: ['v61.0', 'v59.0'] },
  { name: 'adyen', url: 'https://checkout-test.adyen.com', versions: ['v71', 'v70'] },
  { name: 'openai', url: 'https://api.openai.com', versions: ['v1'] },
];
