// The image panel bundle's entry: the VS Code transport, unless a test page supplies its own.
import type { ImageHostMessage, ImageWebviewMessage } from '../../shared/image-protocol';
import { pageTransport } from '../transport';
import { startImagePanel } from './app';

startImagePanel(pageTransport<ImageHostMessage, ImageWebviewMessage>());
