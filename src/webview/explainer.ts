// The explainer bundle's entry: the VS Code transport, unless a test page supplies its own.
import type { ExplainerHostMessage, ExplainerWebviewMessage } from '../shared/protocol';
import { startExplainer } from './explainer/app';
import { pageTransport } from './transport';

startExplainer(pageTransport<ExplainerHostMessage, ExplainerWebviewMessage>());
