export * from './bus';
export { createMessageBus, type KafkaBusOptions } from './kafkajs-bus';
