export * from './lib/search.module';
export { WantedRecorder, WantedRecording } from './lib/usecases/record-wanted/wanted-recorder';
