'use strict';

// The protocol load's JavaScript baseline: the Bot Framework SDK for JavaScript (botbuilder, the usual alternative to
// TeamsMeetBot) doing the same job as the bot under that load. It validates the channel token of every activity
// (CloudAdapter, with the OpenID metadata and JWKS the load driver serves on loopback) and answers "help" with one
// Adaptive Card, posted to the load driver's fake Connector before the HTTP 200.
//
// Started by the load driver (bench/TeamsMeetBot.LoadDriver), installed at use time by bench/run.sh:
//   node bot.js --port <port>
// with BENCH_APP_ID, BENCH_TENANT_ID, BENCH_OPENID_METADATA_URL and BENCH_REPLY_FILE (the attachments TeamsMeetBot
// posted for its first "help", so both bots post the same card) in the environment. It listens on 127.0.0.1 only.

const http = require('node:http');
const fs = require('node:fs');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const { ServiceClientCredentialsFactory } = require('botframework-connector');

const maxBodyBytes = 256 * 1024;

function setting(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required (the load driver sets it).`);
  }
  return value;
}

function portFromArguments() {
  const at = process.argv.indexOf('--port');
  const port = at >= 0 ? Number.parseInt(process.argv[at + 1], 10) : Number.NaN;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error('usage: node bot.js --port <port>');
  }
  return port;
}

// The fake Connector is on loopback and takes no token, as TeamsMeetBot in the same bench sends none to a loopback
// serviceUrl; a production bot would add the bearer token it keeps cached (one header).
class LoopbackConnectorCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(appId) {
    super();
    this.appId = appId;
  }

  async isValidAppId(appId) {
    return appId === this.appId;
  }

  async isAuthenticationDisabled() {
    return false;
  }

  async createCredentials() {
    return { signRequest: async (request) => request };
  }
}

const appId = setting('BENCH_APP_ID');
const attachments = JSON.parse(fs.readFileSync(setting('BENCH_REPLY_FILE'), 'utf8'));
const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: setting('BENCH_TENANT_ID'),
      ToBotFromChannelOpenIdMetadataUrl: setting('BENCH_OPENID_METADATA_URL'),
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ValidateAuthority: true,
    },
    new LoopbackConnectorCredentialsFactory(appId),
  ),
);
adapter.onTurnError = async (context, error) => {
  console.error(`turn failed for activity ${context.activity.id}: ${error && error.message}`);
  throw error;
};

async function onTurn(context) {
  if (context.activity.type === 'message' && (context.activity.text || '').trim().toLowerCase() === 'help') {
    await context.sendActivity({ type: 'message', attachments });
  }
}

// What CloudAdapter.process needs of a response: express's status/header/send/end, on Node's own response.
function adapterResponse(res) {
  return {
    socket: res.socket,
    status(code) {
      res.statusCode = code;
    },
    header(name, value) {
      res.setHeader(name, value);
    },
    send(body) {
      if (body === undefined || body === null) {
        return;
      }
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.write(body);
      } else {
        res.setHeader('Content-Type', 'application/json');
        res.write(JSON.stringify(body));
      }
    },
    end() {
      res.end();
    },
  };
}

function reject(res, status, message) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(message);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.end('ok');
    return;
  }
  if (req.url !== '/api/messages') {
    reject(res, 404, 'not found');
    return;
  }

  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= maxBodyBytes) {
      chunks.push(chunk);
    }
  });
  req.on('end', () => {
    if (size > maxBodyBytes) {
      reject(res, 413, 'activity too large');
      return;
    }
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      reject(res, 400, 'the body is not JSON');
      return;
    }
    adapter.process(req, adapterResponse(res), onTurn).catch((error) => {
      console.error(`request failed: ${error && error.message}`);
      if (!res.writableEnded) {
        reject(res, 500, 'failed');
      }
    });
  });
});

server.keepAliveTimeout = 120_000;
server.listen(portFromArguments(), '127.0.0.1', () => {
  console.log(`botbuilder baseline listening on http://127.0.0.1:${server.address().port}`);
});
