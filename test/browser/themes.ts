/**
 * The --vscode-* variables a webview receives, for a light, a dark and a high-contrast theme (values
 * from VS Code's default themes), so the panel is drawn in the browser as in the editor.
 */
export type ThemeName = 'light' | 'dark' | 'high-contrast';

const COMMON = '--vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;';

const THEMES: Record<ThemeName, { bodyClass: string; variables: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      foreground: '#3b3b3b',
      'editor-background': '#ffffff',
      descriptionForeground: '#717171',
      'charts-blue': '#1a85ff',
      'charts-orange': '#d18616',
      'charts-purple': '#652d90',
      'charts-green': '#388a34',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0258a8',
      'button-secondaryBackground': '#e5e5e5',
      'input-background': '#ffffff',
      'input-foreground': '#3b3b3b',
      'input-border': '#cecece',
      focusBorder: '#005fb8',
      'editorWidget-border': '#c8c8c8',
      errorForeground: '#a1260d',
      'editorWarning-foreground': '#bf8803',
      'textBlockQuote-background': '#f8f8f8',
      'badge-background': '#cccccc',
      'badge-foreground': '#3b3b3b',
      'list-hoverBackground': '#f2f2f2',
      'list-inactiveSelectionBackground': '#e4e6f1',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      foreground: '#cccccc',
      'editor-background': '#1f1f1f',
      descriptionForeground: '#9d9d9d',
      'charts-blue': '#3794ff',
      'charts-orange': '#d18616',
      'charts-purple': '#b180d7',
      'charts-green': '#89d185',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#026ec1',
      'button-secondaryBackground': '#313131',
      'input-background': '#313131',
      'input-foreground': '#cccccc',
      'input-border': '#3c3c3c',
      focusBorder: '#0078d4',
      'editorWidget-border': '#454545',
      errorForeground: '#f85149',
      'editorWarning-foreground': '#cca700',
      'textBlockQuote-background': '#2b2b2b',
      'badge-background': '#616161',
      'badge-foreground': '#f8f8f8',
      'list-hoverBackground': '#2a2d2e',
      'list-inactiveSelectionBackground': '#37373d',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    variables: {
      foreground: '#ffffff',
      'editor-background': '#000000',
      descriptionForeground: '#ffffff',
      'charts-blue': '#3794ff',
      'charts-orange': '#ff8c00',
      'charts-purple': '#b180d7',
      'charts-green': '#89d185',
      'button-background': '#000000',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#000000',
      'button-border': '#6fc3df',
      contrastActiveBorder: '#f38518',
      'input-background': '#000000',
      'input-foreground': '#ffffff',
      'input-border': '#6fc3df',
      focusBorder: '#f38518',
      'editorWidget-border': '#6fc3df',
      errorForeground: '#f48771',
      'editorWarning-foreground': '#ffd700',
      'textBlockQuote-background': '#000000',
      'badge-background': '#000000',
      'badge-foreground': '#ffffff',
      contrastBorder: '#6fc3df',
      'list-hoverBackground': '#000000',
      'list-inactiveSelectionBackground': '#000000',
    },
  },
};

export function themeCss(name: ThemeName): string {
  const vars = Object.entries(THEMES[name].variables)
    .map(([key, value]) => `--vscode-${key}: ${value};`)
    .join(' ');
  return `body { ${COMMON} ${vars} }\n`;
}

export function themeClass(name: ThemeName): string {
  return THEMES[name].bodyClass;
}
