/**
 * What discovery knows of other parties beyond addresses: the servers a client finds through
 * a library (a service registry, a config server), and the third parties whose credentials
 * say a workload calls them. Product knowledge, kept small and apart from the rules that use
 * it (derive-calls.ts).
 */

/**
 * Servers a client finds by name through a library rather than an address: a workload built
 * with the client library that waits (depends_on) for a workload built with the server
 * library calls it (a service registry, a config server, an admin server).
 */
export const CLIENT_SERVER: { server: RegExp; client: RegExp; what: string }[] = [
  {
    server: /(^|[/:])(spring-cloud-starter-netflix-eureka-server|eureka-server)$/,
    client: /(^|[/:])(spring-cloud-starter-netflix-eureka-client|eureka-client)$/,
    what: 'a Eureka client',
  },
  {
    server: /(^|[/:])spring-cloud-config-server$/,
    client: /(^|[/:])(spring-cloud-starter-config|spring-cloud-config-client)$/,
    what: 'a Spring Cloud Config client',
  },
  {
    server: /(^|[/:])spring-boot-admin-starter-server$/,
    client: /(^|[/:])spring-boot-admin-starter-client$/,
    what: 'a Spring Boot Admin client',
  },
  {
    server: /(^|[/:])consul$/,
    client: /(^|[/:])(spring-cloud-starter-consul-discovery|consul-client|python-consul)$/,
    what: 'a Consul client',
  },
];

/**
 * Third parties a workload holds credentials or an endpoint for: `OPENAI_API_KEY` says it calls
 * OpenAI even where the URL is the library's default. Keyed by the variable's prefix.
 */
export const VENDORS: { key: RegExp; name: string; url: string }[] = [
  { key: /^(AZURE_)?OPENAI_(API_KEY|KEY|ENDPOINT|BASE_URL|API_BASE)$/, name: 'openai', url: 'https://api.openai.com' },
  { key: /^ANTHROPIC_(API_KEY|BASE_URL)$/, name: 'anthropic', url: 'https://api.anthropic.com' },
  { key: /^STRIPE_(SECRET_KEY|API_KEY|KEY)$/, name: 'stripe', url: 'https://api.stripe.com' },
  { key: /^TWILIO_(AUTH_TOKEN|ACCOUNT_SID|API_KEY)$/, name: 'twilio', url: 'https://api.twilio.com' },
  { key: /^SENDGRID_API_KEY$/, name: 'sendgrid', url: 'https://api.sendgrid.com' },
  { key: /^MAILGUN_API_KEY$/, name: 'mailgun', url: 'https://api.mailgun.net' },
  { key: /^SLACK_(BOT_TOKEN|WEBHOOK_URL|API_TOKEN)$/, name: 'slack', url: 'https://slack.com' },
  { key: /^(GITHUB_TOKEN|GH_TOKEN)$/, name: 'github', url: 'https://api.github.com' },
];
