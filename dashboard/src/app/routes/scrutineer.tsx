import { MeetingScreen, type ScreenProps } from '../meeting-screen';
export default function Route(props: ScreenProps) { return <MeetingScreen {...props}>{() => null}</MeetingScreen>; }
