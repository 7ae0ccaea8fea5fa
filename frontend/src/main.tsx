import { render } from 'preact';
import { App } from './app';
import { startScrollMemory } from './lib/scroll';
import './styles.css';

startScrollMemory();

render(<App />, document.getElementById('app')!);
