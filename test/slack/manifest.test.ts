import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usageHint } from '../../src/core/commands/table';

// A plain YAML read of the manifest (js-yaml is a pinned dev dependency).
const yaml = require('js-yaml') as { load(text: string): unknown };

const DIR = join(__dirname, '../../manifest/slack');

interface SlackManifest {
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const manifest = yaml.load(readFileSync(join(DIR, 'manifest.yaml'), 'utf8')) as SlackManifest;

describe('Slack app manifest (manifest/slack/manifest.yaml)', () => {
  it('declares /osto with a usage hint listing the commands of the core grammar', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const cmd = manifest.features.slash_commands[0];
    expect(cmd?.command).toBe('/osto');
    expect(cmd?.usage_hint).toMatch(/^connect azure \| status \[‹name›\] \| /);
    // The hint is the core's verb table: a verb added there and not here fails this test.
    expect(cmd?.usage_hint).toBe(usageHint());
    expect(cmd?.description.length).toBeLessThanOrEqual(2000);
  });

  it('sends commands and interactivity to /slack/events over HTTPS, not socket mode', () => {
    expect(manifest.features.slash_commands[0]?.url).toBe('https://<your-host>/slack/events');
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://<your-host>/slack/events',
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for exactly the bot scopes the channel uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'im:write',
    ]);
  });

  it('has a name and a bot user, and the README explains the install steps', () => {
    expect(manifest.display_information.name).toBe('Osto');
    expect(manifest.features.bot_user.display_name).toBe('Osto');
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const step of [
      'From an app manifest',
      'Install to Workspace',
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
    ])
      expect(readme).toContain(step);
    expect(readme).toContain('https://<your-host>/slack/events');
  });
});
