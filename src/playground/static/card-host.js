// Renders the bot's Adaptive Cards with the official renderer (window.AdaptiveCards, the UMD
// bundle of the `adaptivecards` package), with a plain, light, Teams-like host config.

const AC = window.AdaptiveCards;

const FONT = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";
const SIZES = { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 };
const WEIGHTS = { lighter: 300, default: 400, bolder: 600 };

const colors = (def) => ({
  default: { default: def, subtle: '#616161' },
  dark: { default: '#242424', subtle: '#616161' },
  light: { default: '#FFFFFF', subtle: '#F0F0F0' },
  accent: { default: '#5B5FC7', subtle: '#7F85F5' },
  good: { default: '#237B4B', subtle: '#2E8B57' },
  warning: { default: '#835C00', subtle: '#A07000' },
  attention: { default: '#C4314B', subtle: '#D35C71' },
});

export const hostConfig = new AC.HostConfig({
  supportsInteractivity: true,
  fontTypes: {
    default: { fontFamily: FONT, fontSizes: SIZES, fontWeights: WEIGHTS },
    monospace: {
      fontFamily: "Consolas, 'Cascadia Mono', Menlo, monospace",
      fontSizes: SIZES,
      fontWeights: WEIGHTS,
    },
  },
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: colors('#242424') },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: colors('#242424') },
    accent: { backgroundColor: '#E8EBFA', foregroundColors: colors('#242424') },
    good: { backgroundColor: '#E7F2DA', foregroundColors: colors('#242424') },
    attention: { backgroundColor: '#FDE7E9', foregroundColors: colors('#242424') },
    warning: { backgroundColor: '#FBF6D9', foregroundColors: colors('#242424') },
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', color: 'attention' },
  },
  actions: {
    maxActions: 6,
    spacing: 'medium',
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 12 },
  },
  factSet: {
    title: { weight: 'bolder', size: 'default', color: 'default', wrap: true, maxWidth: 280 },
    value: { size: 'default', color: 'default', wrap: true },
    spacing: 12,
  },
  imageSizes: { small: 32, medium: 52, large: 100 },
});

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// The bit of Markdown the bot's cards use: **bold**, [links](https://...), line breaks.
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>')
    .replace(/\r?\n/g, '<br>');
  result.didProcess = true;
};

/**
 * Renders a card; `onAction(kind, payload)` gets the actions the user takes, after the renderer
 * validated the inputs they carry (isRequired, regex, maxLength), as Teams does:
 *   ('submit', { value })              Action.Submit: the action's data merged with the inputs
 *   ('execute', { verb, data })        Action.Execute: the same, as an invoke
 *   ('openUrl', { url })
 */
export function renderCard(json, onAction) {
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    const type = action.getJsonTypeName();
    if (type === 'Action.Execute') onAction('execute', { verb: action.verb, data: action.data ?? {} });
    else if (type === 'Action.Submit') onAction('submit', { value: action.data ?? {} });
    else if (type === 'Action.OpenUrl') onAction('openUrl', { url: action.url });
  };
  try {
    card.parse(json);
    const el = card.render();
    if (el) return el;
  } catch (e) {
    console.error('cannot render card', e, json);
  }
  const fallback = document.createElement('pre');
  fallback.className = 'card-error';
  fallback.textContent = `This card could not be rendered.\n${JSON.stringify(json, null, 2)}`;
  return fallback;
}
