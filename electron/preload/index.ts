import { contextBridge, ipcRenderer } from 'electron';
import { createFleetApi } from './fleet-api';

// The page sees only this object; contextBridge copies it into the isolated world.
contextBridge.exposeInMainWorld('fleet', createFleetApi(ipcRenderer));
