export {
  startKurrentDouble,
  type KurrentDouble,
  type KurrentDoubleOptions,
  type DoubleRecord,
} from './kurrentdb-double.js';
