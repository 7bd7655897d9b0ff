-- Sample catalog for local runs and tests: two published products (one public, one for signed-in consumers), their
-- APIs (one REST with an OpenAPI document, one SOAP with a WSDL), service catalog items and project templates.
insert into api (id, name, version, title, summary, state, api_type, visibility, visible_orgs, document, wsdl,
                 wsdl_content_type, metadata, created_at, updated_at)
values ('00000000-0000-4000-8000-0000000000a1', 'weather', '1.0.0', 'Weather API', 'Current conditions and forecasts',
        'online', 'rest', 'public', '',
        '{"swagger":"2.0","info":{"title":"Weather API","version":"1.0.0","x-ibm-name":"weather"},"basePath":"/weather","paths":{"/current":{"get":{"responses":{"200":{"description":"current conditions"}}}}}}',
        null, null, null, now(), now()),
       ('00000000-0000-4000-8000-0000000000a2', 'stock-quote', '2.1.0', 'Stock Quote SOAP API', 'Delayed stock quotes over SOAP',
        'online', 'wsdl', 'authenticated', '',
        '{"swagger":"2.0","info":{"title":"Stock Quote SOAP API","version":"2.1.0","x-ibm-name":"stock-quote"},"basePath":"/stock","paths":{}}',
        '<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://schemas.xmlsoap.org/wsdl/" name="StockQuote" targetNamespace="http://example.com/stockquote.wsdl"><service name="StockQuoteService"/></definitions>',
        'application/wsdl+xml', null, now(), now());

insert into product (id, name, version, title, summary, state, visibility, visible_orgs, plans, apis, metadata,
                     created_at, updated_at)
values ('00000000-0000-4000-8000-0000000000b1', 'weather-product', '1.0.0', 'Weather', 'Weather data for everyone',
        'published', 'public', '',
        '[{"name":"default","title":"Default","rate_limit":{"requests":100,"period_seconds":60},"approval":false},{"name":"gold","title":"Gold","rate_limit":{"requests":1000,"period_seconds":60},"approval":true}]',
        '[{"name":"weather","version":"1.0.0"}]', null, now(), now()),
       ('00000000-0000-4000-8000-0000000000b2', 'stock-product', '2.1.0', 'Stock quotes', 'Stock quotes for signed-in consumers',
        'published', 'authenticated', '',
        '[{"name":"default","title":"Default","rate_limit":{"requests":10,"period_seconds":1},"approval":false}]',
        '[{"name":"stock-quote","version":"2.1.0"}]', null, now(), now());

insert into catalog_service (code_name, name, description, created_at)
values ('roc', 'Real Time Online Chat', 'Real Time Online Chat is funny!', now()),
       ('push', 'Push Notifications', 'Mobile push notifications', now());

insert into project_template (id, name, description, parameters, services, published_at, created_at)
values ('web-app', 'Web application', 'A PostgreSQL database and a cache for a web application',
        '[{"name":"region","description":"Cloud region","type":"string","required":true,"default":"eu-west-1"},{"name":"tier","description":"development or production","type":"string","required":true,"default":"development"}]',
        '[{"name":"web-db","provider":"aws","region":"eu-west-1","tier":"development","memoryGb":24},{"name":"web-cache","provider":"aws","region":"eu-west-1","tier":"development","memoryGb":12}]',
        null, now()),
       ('analytics', 'Analytics warehouse', 'A production analytics service',
        '[{"name":"region","description":"Cloud region","type":"string","required":true,"default":"us-east-1"}]',
        '[{"name":"analytics","provider":"gcp","region":"us-east-1","tier":"production","memoryGb":48}]',
        null, now());
