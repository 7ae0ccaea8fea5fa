import { render } from 'preact';
import { App } from './app';
import './admin.css';

render(<App />, document.getElementById('app')!);
