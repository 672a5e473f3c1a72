import { mount } from '../../common/mount';
import './portal.css';
import { PortalApp } from './portal-app';

mount(<PortalApp />);
